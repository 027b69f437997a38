"""The Discord front end: the only package that imports discord.py.

`runner.serve()` starts everything; `client` is the bot; `cogs/` has one module per concern
(ask, overview, timeline, meta, admin); `actions` holds what a question, a button or a
message leads to; `embeds` and `views` decide how replies look.
"""
