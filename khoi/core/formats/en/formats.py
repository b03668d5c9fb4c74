# Django's own `en` formats, except that a date-time widget writes its value as the browser's
# <input type="datetime-local"> takes it ("2026-12-01T08:00"), as in Vietnamese.
DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%m/%d/%Y %H:%M"]
