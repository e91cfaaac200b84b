import ArgumentParser

SampleGenerator.main()
