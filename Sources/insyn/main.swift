print("insyn")
