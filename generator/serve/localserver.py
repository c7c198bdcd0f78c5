"""livereload's server, answering this computer only (issue 12).

The server binds 127.0.0.1, but a web page elsewhere can still reach it through
a name that resolves to 127.0.0.1 (DNS rebinding) and read the site being
edited. So requests must name localhost or 127.0.0.1 in their Host header, and
the live-reload socket accepts only pages of the site itself (same origin).
livereload accepts any of both; this replaces its Tornado application.
"""

from __future__ import annotations

import livereload
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptContainer, LiveScriptInjector
from tornado import escape, web
from tornado.websocket import WebSocketHandler

LOCAL_HOSTS = r"(localhost|127\.0\.0\.1)$"  # Tornado matches the Host without its port


class LocalServer(livereload.Server):
    def application(self, port, host, liveport=None, debug=None, live_css=True) -> None:
        LiveReloadHandler.watcher = self.watcher
        LiveReloadHandler.live_css = live_css
        # livereload's own snippet: it loads livereload.js from the page's own origin
        snippet = escape.utf8(
            '<script type="text/javascript">(function(){'
            'var s=document.createElement("script");'
            f'var port={port};'
            's.src="//"+window.location.hostname+":"+port+"/livereload.js?port="+port;'
            'document.head.appendChild(s);'
            '})();</script>')

        class Injector(LiveScriptInjector):
            script = snippet

        # Requests for any other host end here; the named hosts come first
        app = web.Application([(r".*", _Refused)], debug=False, transforms=[Injector])
        app.add_handlers(LOCAL_HOSTS, [
            (r"/livereload", _SameOriginSocket),
            (r"/livereload.js", LiveReloadJSHandler),
            (r".*", web.FallbackHandler, {"fallback": LiveScriptContainer(self.app, snippet)}),
        ])
        app.listen(port, address=host)


class _SameOriginSocket(LiveReloadHandler):
    def check_origin(self, origin: str) -> bool:
        return WebSocketHandler.check_origin(self, origin)  # Tornado's: same origin only


class _Refused(web.RequestHandler):
    def prepare(self) -> None:
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("awards serve answers only to http://localhost and http://127.0.0.1\n")
