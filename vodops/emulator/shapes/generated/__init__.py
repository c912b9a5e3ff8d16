"""Structs generated from api.json by tools/gen_emulator_shapes.py; one module per kind."""
