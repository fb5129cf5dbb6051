"""Invented articles about invented, unrelated events, for tests that need stored articles of their own:
each long enough (25+ words) and plainly English, so none is rejected, and no two share a story."""

HARBOUR = ("The city council of Port Avel voted on Tuesday to rebuild the old harbour wall after the storm of "
           "last winter. The project will cost 12 million euros and take three years, the mayor said at a "
           "press conference in the town hall.")
LIBRARY = ("A new public library opened in the village of Marren on Friday with ten thousand books and a "
           "reading garden. Volunteers spent two years raising the money, and the first visitors queued "
           "before dawn to borrow novels and maps.")
RAIL = ("The regional rail company announced on Monday that a night train will run between Lunde and Osterby "
        "from March. Tickets go on sale next week, and the first departures will leave at eleven in the "
        "evening, the company said.")
