"""What the register tells the apps that keep a copy of it, without knowing them.

`register_changed` is sent once a change to the register that saved no single unit (an import's
bulk insert) is committed: apps that keep a copy of the register (the contests' entry form) drop
it. Single-unit changes are seen through Django's post_save and post_delete of Unit.
"""

from django.dispatch import Signal

register_changed = Signal()
