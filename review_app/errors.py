"""The one exception type for bad user input. Its message is a single line that
names the file and the place (line, byte, column); the CLI prints it as is and
the UI shows it in an error box. Anything else escaping is a bug."""


class BadInputError(ValueError):
    pass
