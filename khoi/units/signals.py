"""What the register tells the apps that depend on it, without knowing them.

`units_left` is sent inside the transaction of `services.unit_close`, after the units' `left_on`
is saved, with `unit_ids` (the unit and the members of its subtree that left with it), `left_on`
and `actor`. A receiver's writes belong to that transaction: if one fails, the departure is
undone too. khoi.accounts listens to deactivate the reporters of those units.
"""

from django.dispatch import Signal

units_left = Signal()
