"""The networking strategy's rules: pure functions of the network and the day.

Each rule returns its verdict with its reason (``reasons.Reason``, naming the principle).
Rules read the records (``core.model``) and the network (``core.network``) and each
other, nothing else. Where each principle lives:

- P1 quality over count, P2 balance: ``health``
- P3 groups and subgroups: ``groups``
- P4 prune what has gone cold: ``pruning``
- P5 target networks: ``targets`` (and the 60-day ceiling in ``cadence``)
- P6 a short list of the well-connected: ``shortlist``
- P7 start from family and friends: ``introductions``
- P8 cadence: ``cadence``; people added together taking turns for their first day: ``turns``
- P9 remember the context: the interaction's fields, quoted by ``agenda`` and ``drafts``;
  what Done on a Today item asks and logs (what was said, never the button): ``done``
- P10 the 24-hour follow-up: ``followup``
- P11 light touches and dates: ``dates``
- P12 patience: ``patience``
- P13 give first: ``favours``
- P14 why / what / what's next, P15 research: ``planner``
- P16 your own pitch: the pitch record, shown by the views; ``drafts`` uses it
- Today, every rule merged and ranked: ``agenda``; drafts to send: ``drafts`` (thanks for
  a favour or an introduction: ``thank_you_drafts``);
  how full storage is and what can be archived without changing a verdict: ``capacity``;
  how names and words compare (import's match, the people search): ``names``;
  how counts, spans of time and days are said (and the templates' filters): ``wording``
"""
