"""党员发展 in the window: the 待办 list, a person's record, the step dialog, the yearly plan."""
