"""Allows `python -m finetune --dataset DIR --model NAME --output DIR`,
`python -m finetune chat ...` and `python -m finetune serve ...`."""

import sys

from finetune.cli import main

if sys.argv[1:2] == ["chat"]:
    from finetune.terminal_chat import main as chat_main

    sys.exit(chat_main(sys.argv[2:]))
if sys.argv[1:2] == ["serve"]:
    from finetune.serve import main as serve_main

    sys.exit(serve_main(sys.argv[2:]))
sys.exit(main())
