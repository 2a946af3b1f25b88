"""Test configuration: Qt must run offscreen before any QApplication exists."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QSettings writes under XDG_CONFIG_HOME: keep the user's real preferences out of the tests.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="softmax-explorer-tests-")

# The fixture generator is a script run with PyTorch and mpmath, not a test module.
collect_ignore = ["fixtures/generate_reference.py"]
