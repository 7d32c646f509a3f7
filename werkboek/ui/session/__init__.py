"""The team session's screens (widgets): entrance, facilitator, participant and projector; what a
session is (control, room, actions, the HTML both screens and report show) is ``werkboek.session``."""
