"""Spec models generated from api.json by vodops.specgen."""
