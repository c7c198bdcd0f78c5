"""Static site generator for Thailand's Digital Local Government Awards."""

__version__ = "0.1.0"
