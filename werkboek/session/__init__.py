"""What a team session is, without widgets: the shared control (phase, timers, hidden and revealed
answers), the read model of the room, what the facilitator and a participant do, and the HTML
pieces that the session pages (``werkboek.ui.session``) and the session report both show.
"""
