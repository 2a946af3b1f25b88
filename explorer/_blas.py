"""One BLAS thread for the application, set before NumPy loads (imported first by ``app``).

On a machine with few cores, a matrix product large enough to wake OpenBLAS's worker
threads waits for a core whenever another process holds one: 8-16 ms instead of 1-2 ms
on the two-core development machine, a dropped frame in the middle of a drag (the
simplex's pixel products, the classifier lab's scores). The explorer's products are
small; one thread does them at once. A thread count the user set (any of
:data:`USER_CHOICES`) is kept, and nothing changes once NumPy has been imported.
"""

from __future__ import annotations

import os

#: Variables through which a user may have chosen BLAS threads; any of them is kept as is
#: (OpenBLAS reads OPENBLAS_NUM_THREADS before GOTO_ and OMP_NUM_THREADS).
USER_CHOICES = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

if not any(name in os.environ for name in USER_CHOICES):
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    os.environ["OMP_NUM_THREADS"] = "1"
