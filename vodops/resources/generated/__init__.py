"""Spec models generated from api.json by vodops.resources.specgen."""
