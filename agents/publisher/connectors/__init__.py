"""Publishing connectors: X API v2, LinkedIn Posts API, Meta Graph (Facebook page, Instagram).

One interface (base.Connector); ``registry.connector_for`` builds the one for a channel.
"""
