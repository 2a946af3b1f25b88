"""Dragging a class's weight arrow on the plot sets W, and the regions follow."""

import numpy as np

from ..mouse import drag, view_to_viewport


def test_dragging_an_arrow_head_changes_w_and_the_regions(lab):
    view = lab.regions_view
    lab.step(30)  # arrows long enough to grab apart
    before_w = np.array(lab.model.trainer.W)
    before_image = np.array(view.image.indices())
    k = 1
    tip = view.arrow_tip(k)
    scale = view.arrow_scale
    (xmin, xmax), (ymin, ymax) = view.view_box.viewRange()
    target = (xmin + 0.2 * (xmax - xmin), ymin + 0.25 * (ymax - ymin))
    drag(
        view.canvas,
        view_to_viewport(view.canvas, view.view_box, *tip),
        view_to_viewport(view.canvas, view.view_box, *target),
    )
    after_w = np.array(lab.model.trainer.W)
    width, height = view.view_box.viewPixelSize()
    assert abs(after_w[0, k] - target[0] / scale) <= 2 * width / scale
    assert abs(after_w[1, k] - target[1] / scale) <= 2 * height / scale
    # Only class k's raw weights moved.
    unchanged = np.ones_like(after_w, dtype=bool)
    unchanged[0:2, k] = False
    assert np.array_equal(after_w[unchanged], before_w[unchanged])
    assert not np.array_equal(np.array(view.image.indices()), before_image)
    # One drag is one history entry, not one per mouse move.
    assert lab.model.trainer.history[-1].step == 30
    assert len(lab.model.trainer.history) <= 32
