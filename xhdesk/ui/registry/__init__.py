"""The registry tabs (驿站阵地, 党员队伍), the enterprise files and their dialogs."""
