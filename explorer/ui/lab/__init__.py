"""The classifier lab: a window that trains a linear classifier live on 2-D points.

:class:`LabWindow` is opened from the main window (Tools > Classifier lab) with its
session, or alone (``softmax-explorer lab``). Its numbers come from ``explorer.core.lab``;
:class:`~explorer.ui.lab.model.LabModel` holds them and tells the views what changed.
"""

from __future__ import annotations

from .window import LabWindow

__all__ = ["LabWindow"]
