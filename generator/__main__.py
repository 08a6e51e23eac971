from generator.cli import main

if __name__ == "__main__":  # chart workers are spawned processes that import this module again
    raise SystemExit(main())
