"""Script-injection payloads. Each one, if it ran, would open a dialog (alert,
confirm, prompt) or set window.__xss; the template-injection ones would print
"xss49". Add new ones at the end: every security test iterates this list."""

PAYLOADS = [
    # Classic script tags
    "<script>window.__xss=1</script>",
    "<script>alert(1)</script>",
    "<SCRIPT>window.__xss=2</SCRIPT>",
    "<script src=data:text/javascript,window.__xss=3></script>",
    "<scr<script>ipt>window.__xss=4</script>",
    "</script><script>window.__xss=5</script>",
    "<script>confirm(1)</script>",
    "<script>prompt(1)</script>",
    # Event handlers
    "<img src=x onerror=window.__xss=6>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=window.__xss=7>",
    "<body onload=window.__xss=8>",
    "<input autofocus onfocus=window.__xss=9>",
    "<details open ontoggle=window.__xss=10>",
    "<video><source onerror=window.__xss=11></video>",
    "<audio src=x onerror=window.__xss=12>",
    "<iframe onload=window.__xss=13></iframe>",
    "<marquee onstart=window.__xss=14>x</marquee>",
    "<div onmouseover=window.__xss=15 style=position:fixed;inset:0>x</div>",
    "<object data=x onerror=window.__xss=16></object>",
    # javascript: URLs
    "<a href=javascript:window.__xss=17 id=xss-link>link</a>",
    "javascript:window.__xss=18",
    "<a href=' javascript:alert(1)'>x</a>",
    "<a href=&#106;avascript:window.__xss=19>x</a>",
    "<iframe src=javascript:window.top.__xss=20></iframe>",
    "<form action=javascript:window.__xss=21><button>x</button></form>",
    "<embed src=javascript:window.__xss=22>",
    "<meta http-equiv=refresh content=0;url=javascript:window.__xss=23>",
    # SVG and MathML
    "<svg><script>window.__xss=24</script></svg>",
    "<svg><animate onbegin=window.__xss=25 attributeName=x dur=1s>",
    "<svg><a xlink:href=javascript:window.__xss=26><text x=20 y=20>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=27>",
    "<svg/onload=window.__xss=28>",
    # Attribute breakouts
    '"><script>window.__xss=29</script>',
    "'><script>window.__xss=30</script>",
    '" onmouseover="window.__xss=31" x="',
    "' onfocus='window.__xss=32' autofocus='",
    '"><img src=x onerror=window.__xss=33>',
    "</textarea><script>window.__xss=34</script>",
    "</title><script>window.__xss=35</script>",
    "--><script>window.__xss=36</script><!--",
    "]]><script>window.__xss=37</script>",
    "</style><script>window.__xss=38</script>",
    '"/><svg onload=window.__xss=39>',
    # Template injection (Django, Jinja, Angular-style)
    "xss{{7*7}}",
    "xss{% templatetag openvariable %}7*7{% templatetag closevariable %}",
    "xss${7*7}",
    "xss{{constructor.constructor('window.__xss=40')()}}",
    "xss#{7*7}",
    # Encoded variants
    "&lt;script&gt;window.__xss=41&lt;/script&gt;",
    "%3Cscript%3Ewindow.__xss%3D42%3C%2Fscript%3E",
    "\\u003cscript\\u003ewindow.__xss=43\\u003c/script\\u003e",
    "<img src=x onerror=&#119;indow.__xss=44>",
    "<img src=x onerror=\\u0061lert(1)>",
    "<scr\x00ipt>window.__xss=45</scr\x00ipt>".replace("\x00", ""),
    "<IMG SRC=\"jav&#x09;ascript:window.__xss=46\">",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    # JSON / JS-context breakouts (ld+json blocks)
    "</script><img src=x onerror=window.__xss=47>",
    '"}</script><script>window.__xss=48</script>',
    "\u2028<script>window.__xss=49</script>",
    "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=50>\">",
    "<base href=javascript:window.__xss=51//>",
    "<link rel=import href=data:text/html,<script>window.__xss=52</script>>",
]

# A payload short enough for the narrowest text fields (tag names, watched words).
def shortened(payload, length):
    return payload[:length]
