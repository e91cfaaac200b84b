import ArgumentParser

CrystalDB.main()
