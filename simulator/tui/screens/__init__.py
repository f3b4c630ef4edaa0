"""The app's screens, one module each (imported when first opened)."""
