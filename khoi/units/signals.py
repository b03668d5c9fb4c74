"""What the register tells the apps that depend on it, without knowing them.

`units_left` is sent inside the transaction of `services.unit_close`, after the units' `left_on`
is saved, with `unit_ids` (the unit and the members of its subtree that left with it), `left_on`
and `actor`. A receiver's writes belong to that transaction: if one fails, the departure is
undone too. khoi.accounts listens to deactivate the reporters of those units.

`register_changed` is sent once a change to the register that saved no single unit (an import's
bulk insert) is committed: apps that keep a copy of the register (the contests' entry form) drop
it. Single-unit changes are seen through Django's post_save and post_delete of Unit.
"""

from django.dispatch import Signal

units_left = Signal()
register_changed = Signal()
