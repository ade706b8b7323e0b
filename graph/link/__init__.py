"""Stage 4: action→cause links, target→baseline ties and the similarity they are scored with."""
