from vodops.cli import run

run()
