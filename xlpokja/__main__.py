from xlpokja.cli import main

raise SystemExit(main())
