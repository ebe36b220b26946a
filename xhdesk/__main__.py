from xhdesk.cli import main

raise SystemExit(main())
