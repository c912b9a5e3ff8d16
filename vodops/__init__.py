"""vodops: declarative configuration for Tencent Cloud VOD. The version is read by packaging too."""

__version__ = "0.3.0"
