app_name = "ceremonies"
urlpatterns = []
