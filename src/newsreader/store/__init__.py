"""Storage: the SQLite document cache and the paths of cache, data and config."""

from .cache import DocSummary, DocumentCache, with_metadata
from .paths import cache_dir, config_dir, data_dir

__all__ = ["DocSummary", "DocumentCache", "cache_dir", "config_dir", "data_dir", "with_metadata"]
