import ArgumentParser

HullBench.main()
