"""The article the language-model engine's tests send, written for them."""

# Written for these tests. Sentences 0-3 are the first chunk (section "Building the bridge"),
# 4-7 the second ("The bridge today").
BRIDGE = """\
# The Brooklyn Bridge

## Building the bridge

The Brooklyn Bridge crosses the East River between Manhattan and Brooklyn. The engineer John \
Augustus Roebling designed the bridge in 1867. Construction of the bridge began in 1869 and took \
fourteen years. The main span of the bridge is 486 metres long.

## The bridge today

The bridge opened to traffic in 1883. More than 100,000 vehicles cross the bridge every day. The \
American Society of Civil Engineers (ASCE) listed the Brooklyn Bridge as a historic landmark in \
1972. Pedestrians use a wide walkway above the roadway.
"""
