"""Records as the browser's key-value entries: a record's own (loose) entry, or a pack of
settled records; versioned layouts.

``codec`` encodes and decodes the record form; ``loading`` turns stored entries into the
network; ``migrations`` moves an earlier layout forward; ``packs`` (with ``base32768``)
writes and opens packed entries; ``repack`` plans the start-up rewrite; ``mirror`` keeps
this tab's copy of storage; ``undo`` computes what puts a change back; ``merge3``
combines two saves of one record made from the same base. Storage knows records, not
rules, views or actions.
"""
