"""Export figures to PNG (any size and scale), SVG and PDF (vector), or the clipboard.

pyqtgraph 0.14's own SVG exporter breaks on PySide6 >= 6.11, so vector output goes through
Qt's painters: ``QWidget.render`` into a ``QSvgGenerator`` or a ``QPdfWriter``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
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
    QGuiApplication,
    QImage,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPicture,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QWidget

from ..files import write_atomically
from ..i18n import translate
from ..preferences import DEFAULT_THEME
from ..session import ExplorerSession
from .figure import FigureWidget, figure_font_scale
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
                name=file.name,
            )
        )
    width, height = size
    if width < MIN_SIZE or height < MIN_SIZE:
        raise ExportError(
            translate("Export", "figure size must be at least {n} x {n} pixels", n=MIN_SIZE)
        )
    if not 0.25 <= scale <= 8:
        raise ExportError(translate("Export", "scale must be between 0.25 and 8"))
    raster = file.suffix.lower() == ".png"
    if max(width, height) * (scale if raster else 1.0) > MAX_PIXELS:
        raise ExportError(
            translate("Export", "the image would exceed {n} pixels per side", n=MAX_PIXELS)
        )
    pixels = round(width * scale) * round(height * scale)
    if raster and pixels > MAX_RASTER_PIXELS:
        raise ExportError(
            translate(
                "Export",
                "a PNG of {width} × {height} pixels would exceed the limit of {limit:,} "
                "({side} × {side}): choose a smaller size or scale, or SVG or PDF",
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
    """Paint ``widget`` laid out at ``size`` into an image of ``size * scale`` pixels."""
    _settle(widget, size)
    width, height = size
    image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(widget.palette().window().color())
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    with items_uncached(widget):
        widget.render(painter, QPoint(0, 0))
    painter.end()
    return image


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
        device = QSvgGenerator()
        device.setOutputDevice(buffer)
        device.setSize(QSize(width, height))
        device.setViewBox(QRect(0, 0, width, height))
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
    with items_uncached(widget):
        widget.render(painter, QPoint(0, 0))
    painter.end()
    del device  # a PDF is complete once its writer is gone
    return bytes(buffer.data())


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
            translate(
                "Export",
                "could not write {name}: {reason}",
                name=file.name,
                reason=getattr(error, "strerror", None) or str(error),
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
