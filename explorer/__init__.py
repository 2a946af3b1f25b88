"""Softmax Explorer: see softmax, cross-entropy and their gradients move as you drag logits."""

__version__ = "0.1.0"
