"""Widgets the screens compose (by feature, as in posting's `widgets/`)."""
