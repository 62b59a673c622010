"""Korean: reading a source sentence's subject (kiwipiepy) and naming Korean bodies in English."""
