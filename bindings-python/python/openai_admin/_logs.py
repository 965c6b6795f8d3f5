"""Logging through the `openai_admin` logger, turned on (`debug` or `info`) by the environment
variable the core reads for it."""

from __future__ import annotations

import os

from . import _core


def setup_logging() -> None:
    level = _core.log_level(os.environ)
    if level is None:
        return
    import logging  # only when asked for: importing it costs more than the package

    logger = logging.getLogger("openai_admin")
    logging.basicConfig(format="[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s")
    logger.setLevel(getattr(logging, level.upper()))
