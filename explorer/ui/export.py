"""Export figures to PNG (any size and scale), SVG and PDF (vector), or the clipboard.

pyqtgraph 0.14's own SVG exporter breaks on PySide6 >= 6.11, so vector output goes through
Qt's painters: ``QWidget.render`` into a ``QSvgGenerator`` or a ``QPdfWriter``.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QMarginsF,
    QObject,
    QPoint,
    QRect,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QGuiApplication,
    QImage,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPicture,
    QRegion,
    QTransform,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QAbstractGraphicsShapeItem,
    QApplication,
    QGraphicsItem,
    QGraphicsView,
    QWidget,
)

from ..files import write_atomically
from ..i18n import translate
from ..preferences import DEFAULT_THEME
from ..session import ExplorerSession
from .figure import FigureWidget, figure_font_scale
from .portable_svg import CLIP_MARK, portable_svg
from .segments_item import SegmentsItem
from .theme import get_theme
from .view import items_uncached

EXPORT_FORMATS = (".png", ".svg", ".pdf")
MAX_PIXELS = 16384  # per side: the layout's size, and a PNG's after scaling
#: Pixels a PNG may have (width x height after scaling): 8192 x 8192, 256 MiB of image.
#: A 3840 x 2160 slide at scale 2 has half of it. SVG and PDF have no pixels to count.
MAX_RASTER_SIDE = 8192
MAX_RASTER_PIXELS = MAX_RASTER_SIDE * MAX_RASTER_SIDE
MIN_SIZE = 200


class ExportError(ValueError):
    """An export that cannot be done; the message is for the user."""


def check_export(path: str | Path, size: tuple[int, int], scale: float) -> Path:
    """Validate an export request; returns the path."""
    file = Path(path)
    if file.suffix.lower() not in EXPORT_FORMATS:
        raise ExportError(
            translate(
                "Export",
                "cannot export to “{name}”: the file name must end in .png, .svg or .pdf",
            ).format(name=file.name)
        )
    width, height = size
    if width < MIN_SIZE or height < MIN_SIZE:
        raise ExportError(
            translate("Export", "figure size must be at least {n} x {n} pixels").format(n=MIN_SIZE)
        )
    if not 0.25 <= scale <= 8:
        raise ExportError(translate("Export", "scale must be between 0.25 and 8"))
    raster = file.suffix.lower() == ".png"
    if max(width, height) * (scale if raster else 1.0) > MAX_PIXELS:
        raise ExportError(
            translate("Export", "the image would exceed {n} pixels per side").format(n=MAX_PIXELS)
        )
    pixels = round(width * scale) * round(height * scale)
    if raster and pixels > MAX_RASTER_PIXELS:
        raise ExportError(
            translate(
                "Export",
                "a PNG of {width} × {height} pixels would exceed the limit of {limit:,} "
                "({side} × {side}): choose a smaller size or scale, or SVG or PDF",
            ).format(
                width=round(width * scale),
                height=round(height * scale),
                limit=MAX_RASTER_PIXELS,
                side=MAX_RASTER_SIDE,
            )
        )
    return file


class _NoScreenPaint(QObject):
    """Swallows a widget's update requests: it is never painted into a screen buffer."""

    def eventFilter(self, watched, event):  # noqa: D102 (Qt override)
        return event.type() == QEvent.Type.UpdateRequest


def _settle(widget: QWidget, size: tuple[int, int]) -> None:
    """Lay ``widget`` out at ``size`` as if shown, with no pixels but the export's own.

    Shown (with ``WA_DontShowOnScreen``: no window appears), the widget lays out, gets its
    show and resize events and runs its zero-delay timers as on screen. Qt would then
    paint it into a backing store of its full size, 4 bytes a pixel (1 GB at 16384 x
    16384, which a vector figure never needs): its update requests are swallowed, and the
    paints that settle pyqtgraph's ranges, ticks and labels go to a QPicture instead, a
    recording of the drawing with no pixels.
    """
    if not widget.isVisible():
        widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    guard = _NoScreenPaint(widget)
    widget.installEventFilter(guard)
    try:
        widget.resize(*size)
        widget.show()
        for _ in range(3):
            QApplication.processEvents()
            picture = QPicture()
            painter = QPainter(picture)
            with items_uncached(widget):  # (cached items would fill pixmaps of their size)
                widget.render(painter, QPoint(0, 0))
            painter.end()
    finally:
        widget.removeEventFilter(guard)
        guard.deleteLater()


def render_image(widget: QWidget, size: tuple[int, int], scale: float = 1.0) -> QImage:
    """Paint ``widget`` laid out at ``size`` into an image of ``size * scale`` pixels.

    Everything grows by ``scale``: text, markers and, for the time of the paint, the
    widths of cosmetic pens (which Qt keeps in device pixels whatever the image's pixel
    ratio: at scale 2 every line, arrow and the current point were half their size).
    """
    _settle(widget, size)
    width, height = size
    image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(widget.palette().window().color())
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    with items_uncached(widget), pens_scaled(widget, scale):
        widget.render(painter, QPoint(0, 0))
    painter.end()
    return image


def _scaled_pen(pen: QPen, scale: float) -> QPen:
    pen = QPen(pen)
    pen.setWidthF(max(pen.widthF(), 1.0) * scale)
    return pen


@contextmanager
def pens_scaled(widget: QWidget, scale: float) -> Iterator[None]:
    """Multiply the width of every cosmetic pen in ``widget``'s plots by ``scale`` meanwhile.

    The items that draw lines: :class:`SegmentsItem` (contours, arrows, the path and the
    point), pyqtgraph's curves, infinite lines and axes, and Qt's shape items.
    """
    restore: list = []
    if scale != 1:
        for view in widget.findChildren(QGraphicsView):
            for item in view.scene().items():
                if isinstance(item, SegmentsItem):  # (a setPen would drop its screen layer)
                    restore.append((functools.partial(setattr, item, "pen_scale"), 1.0))
                    item.pen_scale = scale
                    continue
                if isinstance(item, pg.PlotCurveItem):
                    pen = pg.mkPen(item.opts["pen"])
                    get = item.opts["pen"]
                    setter = item.setPen
                elif isinstance(item, (pg.AxisItem, QAbstractGraphicsShapeItem)):
                    get = pen = item.pen()
                    setter = item.setPen
                elif isinstance(item, pg.InfiniteLine):
                    get = pen = item.pen
                    setter = item.setPen
                else:
                    continue
                if not isinstance(pen, QPen) or not pen.isCosmetic():
                    continue
                if pen.style() == Qt.PenStyle.NoPen:
                    continue
                restore.append((setter, get))
                setter(_scaled_pen(pen, scale))
    try:
        yield
    finally:
        for setter, pen in reversed(restore):
            setter(pen)


def figure_bytes(widget: QWidget, suffix: str, size: tuple[int, int], scale: float = 1.0):
    """The file content of ``widget`` as a PNG, SVG or PDF figure, made in memory."""
    width, height = size
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if suffix == ".png":
        image = render_image(widget, size, scale)
        if not image.save(buffer, "PNG"):
            raise ExportError(translate("Export", "could not encode the PNG image"))
        return bytes(buffer.data())
    _settle(widget, size)
    if suffix == ".svg":
        # SVG 1.1: Qt writes clip paths (the simplex's triangle) only in this version.
        device = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
        device.setOutputDevice(buffer)
        device.setSize(QSize(width, height))
        device.setViewBox(QRect(0, 0, width, height))
        # Qt writes a font's size as points x resolution / 72: at the widget's resolution
        # the SVG's text is as large as the layout that placed it (at 72 it was 3/4 of it,
        # and a subscript sat apart from its letter).
        device.setResolution(widget.logicalDpiY())
        device.setTitle(translate("Export", "Softmax Explorer figure"))
        device.setDescription(translate("Export", "Made with Softmax Explorer"))
    else:
        device = QPdfWriter(buffer)
        device.setCreator("Softmax Explorer")
        device.setTitle(translate("Export", "Softmax Explorer figure"))
        device.setPageSize(QPageSize(QSizeF(width, height), QPageSize.Unit.Point))
        device.setPageMargins(QMarginsF(0, 0, 0, 0))
        device.setResolution(72)  # one point per logical pixel: the page is the figure
    painter = QPainter(device)
    if not painter.isActive():
        raise ExportError(translate("Export", "could not draw the figure"))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(QRect(0, 0, width, height), widget.palette().window().color())
    if suffix == ".svg":
        shapes = _image_clip_shapes(widget)
        with items_uncached(widget):
            _render_widgets_clipped(widget, painter)
    else:
        with items_uncached(widget):
            widget.render(painter, QPoint(0, 0))
    painter.end()
    del device  # a PDF is complete once its writer is gone
    if suffix == ".svg":
        return _portable_svg(bytes(buffer.data()), shapes)
    return bytes(buffer.data())


_FONT_FAMILY = re.compile(rb'font-family="([^"]*)"')


def _image_clip_shapes(root: QWidget) -> list:
    """Items clipped by a non-rectangular item, in figure pixels (see portable_svg).

    ``[((x, y, width, height), [(x, y), ...]), ...]``: the image's rectangle and the
    clipping item's outline.
    """
    shapes = []
    for view in root.findChildren(QGraphicsView):
        if not view.isVisibleTo(root):
            continue
        offset = view.viewport().mapTo(root, QPoint(0, 0))
        to_figure = view.viewportTransform() * QTransform.fromTranslate(offset.x(), offset.y())
        for item in view.scene().items():
            if not item.isVisible():
                continue
            clipper = item.parentItem()
            clips = QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape
            if clipper is None or not clipper.flags() & clips:
                continue
            outline = clipper.shape()
            if outline.elementCount() == 0 or outline == _rect_path(outline.boundingRect()):
                continue
            polygon = (clipper.sceneTransform() * to_figure).map(outline.toFillPolygon())
            rect = (item.sceneTransform() * to_figure).mapRect(item.boundingRect())
            shapes.append(
                (
                    (rect.x(), rect.y(), rect.width(), rect.height()),
                    [(point.x(), point.y()) for point in polygon],
                )
            )
    return shapes


def _rect_path(rect) -> QPainterPath:
    path = QPainterPath()
    path.addRect(rect)
    return path


def _portable_svg(data: bytes, shapes=()) -> bytes:
    """Qt's SVG, readable by any renderer, naming the fonts Qt actually drew with."""
    families = {}
    for match in set(_FONT_FAMILY.findall(data)):
        family = match.decode("utf-8")
        used = QFontInfo(QFont(family)).family()
        families[family] = [used, *QFont(family).families()]
    return portable_svg(data, families, _enlarge_image, shapes)


#: An unsmoothed image is enlarged until its pixels are this many times their size on
#: the page (or to the cap), so that no renderer's smoothing blurs its cells.
_IMAGE_CAP = 2048


def _enlarge_image(href: str, width: float, height: float) -> str | None:
    """``href`` (a PNG data URI) with each pixel repeated as a block; None to keep it."""
    prefix = "data:image/png;base64,"
    if not href.startswith(prefix):
        return None
    image = QImage.fromData(QByteArray.fromBase64(href[len(prefix) :].encode("ascii")))
    if image.isNull() or image.width() == 0 or image.height() == 0:
        return None
    factor = math.ceil(max(width / image.width(), height / image.height()))
    factor = min(factor, _IMAGE_CAP // max(image.width(), image.height()))
    if factor < 2:
        return None
    larger = image.scaled(
        image.width() * factor,
        image.height() * factor,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.FastTransformation,
    )
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    larger.save(buffer, "PNG")
    return prefix + bytes(buffer.data().toBase64()).decode("ascii")


def _render_widgets_clipped(root: QWidget, painter: QPainter) -> None:
    """Draw ``root`` and its descendants one by one, each clipped to its visible rectangle.

    QWidget.render clips a child widget with the paint engine's system clip, which Qt's
    SVG engine ignores (a scroll area's content spilled out of it), and draws it through
    a redirection offset that the engine leaves out of its clip paths. Here each widget is
    recorded alone into a QPicture and played back translated to its place, inside a
    clip rectangle in figure coordinates that the SVG engine writes as it is.
    """

    def draw(widget: QWidget, offset: QPoint, visible: QRect) -> None:
        picture = QPicture()
        recorder = QPainter(picture)
        # Only the root fills its whole background; a child fills its own if it fills it
        # on screen (autoFillBackground).
        flags = QWidget.RenderFlag.DrawWindowBackground if widget is root else None
        try:  # (QWidget's: a QGraphicsView's own render draws only its scene)
            QWidget.render(
                widget, recorder, QPoint(0, 0), QRegion(), QWidget.RenderFlag(flags or 0)
            )
        finally:
            recorder.end()
        painter.save()
        # A mark that portable_svg turns into a clip path around what follows: a clip
        # set here would be replaced by the first clip the widget sets itself.
        painter.setClipping(False)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(CLIP_MARK))
        painter.drawRect(visible)
        painter.translate(offset)
        painter.drawPicture(0, 0, picture)
        painter.restore()
        for child in widget.children():
            if not isinstance(child, QWidget) or child.isWindow() or child.isHidden():
                continue
            place = offset + child.pos()
            area = visible.intersected(QRect(place, child.size()))
            if not area.isEmpty():
                draw(child, place, area)

    draw(root, QPoint(0, 0), root.rect())


def export_widget(widget: QWidget, path: str | Path, size: tuple[int, int], scale: float = 1.0):
    """Write ``widget`` to ``path`` (format from the suffix); returns the path.

    The figure is made in memory first and written with
    :func:`explorer.files.write_atomically`: a full disk or an unwritable folder raises
    :class:`ExportError` and leaves any previous file at ``path`` as it was.
    """
    file = check_export(path, size, scale)
    data = figure_bytes(widget, file.suffix.lower(), size, scale)
    try:
        write_atomically(file, data)
    except (OSError, ValueError) as error:
        raise ExportError(
            translate("Export", "could not write {name}: {reason}").format(
                name=file.name, reason=getattr(error, "strerror", None) or str(error)
            )
        ) from None
    return file


def make_figure(
    session: ExplorerSession,
    view: str,
    size: tuple[int, int],
    font_scale: float | None = None,
    theme: str | None = None,
) -> FigureWidget:
    """A :class:`FigureWidget` for ``view`` with text sized for ``size``."""
    scale = font_scale if font_scale is not None else figure_font_scale(*size, view)
    theme = theme or DEFAULT_THEME
    figure = FigureWidget(session, view, font_scale=scale, theme=theme)
    background = QColor(get_theme(theme).background)
    palette = figure.palette()
    palette.setColor(figure.backgroundRole(), background)
    figure.setPalette(palette)
    return figure


def export_figure(
    session: ExplorerSession,
    path: str | Path,
    view: str = "window",
    size: tuple[int, int] = (1920, 1080),
    scale: float = 1.0,
    theme: str | None = None,
) -> Path:
    """Export a clean figure of ``view`` of ``session`` to ``path`` (in ``theme`` if given)."""
    check_export(path, size, scale)
    figure = make_figure(session, view, size, theme=theme)
    try:
        return export_widget(figure, path, size, scale)
    finally:
        figure.close()
        figure.deleteLater()


def copy_figure(
    session: ExplorerSession,
    view: str = "window",
    size: tuple[int, int] = (1600, 900),
    scale: float = 1.0,
    theme: str | None = None,
) -> QImage:
    """Put an image of the figure on the clipboard; returns the image."""
    figure = make_figure(session, view, size, theme=theme)
    try:
        image = render_image(figure, size, scale)
    finally:
        figure.close()
        figure.deleteLater()
    QGuiApplication.clipboard().setImage(image)
    return image


__all__ = ["EXPORT_FORMATS", "ExportError", "copy_figure", "export_figure", "export_widget"]
