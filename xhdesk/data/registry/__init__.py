"""The registry: stations, enterprises (一企一档), instructors, committees, branches and persons."""
