import JikunCLI

Jikun.main()
