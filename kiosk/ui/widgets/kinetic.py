"""Swipe scrolling for touch screens: a drag with the finger (or the mouse) scrolls.

Counter touch screens send a finger as a left mouse button, so the gesture is the left
button's. Qt holds a press back for 0.25 s by default, to learn whether it starts a drag;
here a press reaches the button under the finger at once (a tap feels instant, and the
tap guard sees it when it happens), and a press that turns into a drag is taken back
from the button (it gets a release outside itself: no click). No overshoot: a bouncing
page looks like a fault to someone new to touch screens.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QScroller, QScrollerProperties

# How far the finger moves before a press becomes a drag, in metres (Qt's unit): 5 mm,
# so that a trembling tap stays a tap.
DRAG_START_DISTANCE_M = 0.005


def make_kinetic(area: QAbstractScrollArea) -> QAbstractScrollArea:
    """Let ``area`` scroll by swiping; returns ``area``."""
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    metric = QScrollerProperties.ScrollMetric
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    properties.setScrollMetric(metric.MousePressEventDelay, 0.0)
    properties.setScrollMetric(metric.DragStartDistance, DRAG_START_DISTANCE_M)
    properties.setScrollMetric(metric.VerticalOvershootPolicy, off)
    properties.setScrollMetric(metric.HorizontalOvershootPolicy, off)
    scroller.setScrollerProperties(properties)
    return area
