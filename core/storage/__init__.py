"""Records as the browser's key-value entries: one key per record, versioned layouts.

``codec`` encodes and decodes entries and loads the network; ``migrations`` moves an
earlier layout forward; ``undo`` computes what puts a change back; ``merge3`` combines
two saves of one record made from the same base. Storage knows
records, not rules, views or actions.
"""
