"""Printed documents, rendered with reportlab from plain values (no Qt, no database).

Content streams are written Flate-compressed but not ASCII85-wrapped: the wrapping only makes
files larger, and reportlab's pure-Python encoder for it was a large share of the time spent
rendering a thousand certificates.
"""

from reportlab import rl_config

rl_config.useA85 = 0
