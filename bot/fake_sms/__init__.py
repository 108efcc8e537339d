"""A local fake SMS provider (Twilio-compatible) with a phone page: `python -m bot fake-sms`.

Import what you need from the submodules (provider, phone, cli); this package stays light so
the command line can describe `fake-sms` without loading aiohttp.
"""
