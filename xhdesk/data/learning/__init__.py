"""Learning (学习培训): courseware, online trainings and attendance, viewings, learning hours."""
