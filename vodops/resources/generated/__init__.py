"""Spec models and kind tables generated from api.json by vodops.specgen."""
