"""One BLAS thread for the application, set before NumPy loads (imported first by ``app``).

On a machine with few cores, a matrix product large enough to wake OpenBLAS's worker
threads waits for a core whenever another process holds one: 8-16 ms instead of 1-2 ms
on the two-core development machine, a dropped frame in the middle of a drag (the
simplex's pixel products, the classifier lab's scores). The explorer's products are
small; one thread does them at once. A value the user set (``OPENBLAS_NUM_THREADS``,
``OMP_NUM_THREADS``) is kept, and nothing changes once NumPy has been imported.
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
