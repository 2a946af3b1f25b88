"""Pure-NumPy math behind every number Softmax Explorer shows. Never imports Qt.

Functions take a vector ``(C,)`` or a batch ``(N, C)`` with classes last, keep float32 and
float64 (integers become float64) and raise ``ValueError`` with an actionable message for
invalid arguments. Loss semantics follow ``torch.nn.functional``.
"""

from .analysis import ExampleAnalysis, analyze_example
from .classifier import softmax_loss_vectorized
from .loss_objects import (
    LOSS_KEYS,
    CrossEntropyLoss,
    FocalLoss,
    FormulaParts,
    FormulaTerm,
    SoftmaxLoss,
    SquaredErrorLoss,
    make_loss,
)
from .losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    clipped_cross_entropy,
    cross_entropy,
    cross_entropy_grad,
    distillation_loss,
    distillation_loss_grad,
    entropy,
    focal_loss,
    focal_loss_grad,
    kl_divergence,
    nll_loss,
    squared_error_loss,
    squared_error_loss_grad,
)
from .softmax import (
    log_sigmoid,
    log_softmax,
    logsumexp,
    naive_softmax,
    overflow_threshold,
    sigmoid,
    softmax,
    softmax_and_log_softmax,
    softmax_complement,
    softmax_jacobian,
)
from .surface import descent_path, gradient_field, loss_surface, target_distribution

__all__ = [
    "LOSS_KEYS",
    "CrossEntropyLoss",
    "ExampleAnalysis",
    "FocalLoss",
    "FormulaParts",
    "FormulaTerm",
    "SoftmaxLoss",
    "SquaredErrorLoss",
    "analyze_example",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "clipped_cross_entropy",
    "cross_entropy",
    "cross_entropy_grad",
    "descent_path",
    "distillation_loss",
    "distillation_loss_grad",
    "entropy",
    "focal_loss",
    "focal_loss_grad",
    "gradient_field",
    "kl_divergence",
    "log_sigmoid",
    "log_softmax",
    "logsumexp",
    "loss_surface",
    "make_loss",
    "naive_softmax",
    "nll_loss",
    "overflow_threshold",
    "sigmoid",
    "softmax",
    "softmax_and_log_softmax",
    "softmax_complement",
    "softmax_jacobian",
    "softmax_loss_vectorized",
    "squared_error_loss",
    "squared_error_loss_grad",
    "target_distribution",
]
